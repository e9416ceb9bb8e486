"""Running the app in production: logging with request ids, proxy headers, health endpoints."""
