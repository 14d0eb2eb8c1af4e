"""Build steps of the training site: one module per step, one entry point (``python -m scripts``)."""
