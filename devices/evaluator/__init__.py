"""好差评 evaluators: the customer screen (desktop/customer_view.py) or a device (base.py)."""
