"""Human labels for the schema's enumerations, in the order people expect to pick them."""

DELIVERY_MODES = [
    ("online", "Online"),
    ("onsite", "On site (face to face)"),
    ("hybrid", "Hybrid"),
    ("blended", "Blended"),
    ("work_based", "Work-based"),
]
FRAMEWORKS = [
    ("NCrF", "NCrF (National Credit Framework)"),
    ("NSQF", "NSQF (National Skills Qualifications Framework)"),
]
LEVELS = [(str(v / 2).removesuffix(".0"), str(v / 2).removesuffix(".0")) for v in range(2, 17)]
ACTIVITY_KINDS = [
    ("lecture", "Lecture"),
    ("tutorial", "Tutorial"),
    ("e_tutorial", "e-Tutorial (video lesson)"),
    ("e_content", "e-Content (reading, worked examples)"),
    ("discussion_forum", "Discussion forum"),
    ("practical", "Practical"),
    ("lab", "Lab"),
    ("fieldwork", "Fieldwork"),
    ("project", "Project"),
    ("internship", "Internship"),
    ("experiential", "Experiential learning"),
    ("self_study", "Self-study"),
]
ASSESSMENT_KINDS = [
    ("quiz", "Quiz"),
    ("mcq_exam", "MCQ exam"),
    ("written_exam", "Written exam"),
    ("assignment", "Assignment"),
    ("project", "Project"),
    ("practical", "Practical"),
    ("portfolio", "Portfolio"),
    ("presentation", "Presentation"),
    ("viva", "Viva voce"),
    ("case_study", "Case study"),
    ("peer_review", "Peer review"),
    ("rpl", "Recognition of prior learning (RPL)"),
]
PURPOSES = [
    ("summative", "Summative (counts towards the grade)"),
    ("formative", "Formative (practice, feedback only)"),
]
SUPERVISION = [
    ("unsupervised", "Unsupervised"),
    ("supervised", "Supervised"),
    ("supervised_id_verified", "Supervised, identity verified"),
]
RESOURCE_KINDS = [
    ("text", "Text"),
    ("video", "Video"),
    ("audio", "Audio"),
    ("slides", "Slides"),
    ("dataset", "Dataset"),
    ("software", "Software"),
    ("simulation", "Simulation"),
    ("website", "Website"),
    ("other", "Other"),
]
PARTNER_KINDS = [
    ("industry", "Industry"),
    ("government", "Government"),
    ("international", "International"),
    ("ngo", "NGO"),
    ("university", "University"),
    ("professional_body", "Professional body"),
    ("other", "Other"),
]
EVIDENCE_KINDS = [
    ("employer_letter", "Employer letter"),
    ("industry_survey", "Industry survey"),
    ("labour_market_data", "Labour-market data"),
    ("partner_mou", "Partner MoU"),
    ("community_request", "Community request"),
    ("learner_survey", "Learner survey"),
    ("other", "Other"),
]
ACCESSIBLE = [
    ("", "Not stated"),
    ("yes", "Yes: captions, transcripts, alt text, screen-reader friendly"),
    ("no", "No, not yet"),
]
STACKABILITY = [("standalone", "Standalone"), ("stackable", "Stackable towards a programme")]
RECOGNITION = [
    ("academic_credit", "Academic credit (ABC)"),
    ("rpl", "Recognition of prior learning"),
    ("industry", "Industry recognition"),
    ("professional_body", "Professional body"),
    ("vendor_certification", "Vendor certification"),
    ("none", "None"),
]
LANGUAGES = [
    ("en", "English"),
    ("hi", "Hindi (हिन्दी)"),
    ("bn", "Bengali"),
    ("mr", "Marathi"),
    ("ta", "Tamil"),
    ("te", "Telugu"),
    ("kn", "Kannada"),
    ("ml", "Malayalam"),
    ("gu", "Gujarati"),
    ("pa", "Punjabi"),
    ("or", "Odia"),
    ("ur", "Urdu"),
    ("as", "Assamese"),
]


def label(choices: list[tuple[str, str]], value: str | None) -> str:
    """The label of `value` in `choices` (the value itself when unknown)."""
    return dict(choices).get(value or "", value or "")
