"""Celery's entry point: `celery -A designer.jobs.worker worker` and `celery -A designer.jobs.worker beat`.

The worker builds the same Flask app as the web (from the same environment: DATABASE_URL,
CELERY_BROKER_URL, PDF_CACHE_DIR ...), so tasks run with the app's configuration and database.
"""

from designer import create_app

flask_app = create_app()
celery = flask_app.extensions["celery"]
