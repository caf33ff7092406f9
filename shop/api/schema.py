def public_api_only(endpoints, **kwargs):
    """Keep the versioned public API in the OpenAPI document (drf-spectacular hook)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
