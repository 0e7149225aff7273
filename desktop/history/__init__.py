"""History: opening a history, the Timeline panel and its chart."""
