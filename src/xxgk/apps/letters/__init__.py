"""Letters of disclosure cases: templates a unit may adjust, numbering, issued letters, DOCX and PDF."""
