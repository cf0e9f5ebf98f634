"""workshop package."""
