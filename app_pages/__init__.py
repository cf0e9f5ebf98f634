"""app_pages package."""
