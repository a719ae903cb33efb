"""The demo catalog and knowledge base (`make run`): data, illustrations and their loader.

Nothing in production code imports this package; only the `load_demo_catalog` command and the
tests do, so the shape of `catalog/` outside it is what a vendor runs.
"""
