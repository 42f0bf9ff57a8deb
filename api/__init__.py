"""The portal's open API (/api/v1/): figures for funders' and councils' systems, sessions sent
in from other tools and from the offline sync. Keys, not passwords (models.ApiKey); every figure
comes from impact.reports, every write goes through sessions_log.services."""
