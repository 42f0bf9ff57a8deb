"""The benchmark and load test (make bench, make loadtest). Not imported by the portal."""
