"""OpenAPI paths of 备案, registry side (issue 8); loaded by gen-openapi.py."""


def schemas(h):
    return {}


def paths(h):
    return {}
