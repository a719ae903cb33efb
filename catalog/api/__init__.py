"""The catalog's REST API for partners: read and sync families, devices, treatments and articles.

Thin views over `catalog.api.selectors`; `sync` holds the cursor and conditional-GET rules,
`access` who may call and how often.
"""
