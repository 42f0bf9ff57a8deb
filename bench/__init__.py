"""The benchmark and load test (make bench, make loadtest), and the national-scale data set they
run on (bench.dataset). Not imported by the portal; only `manage.py seed_demo --scale large`
imports bench.dataset, when it is asked to."""
