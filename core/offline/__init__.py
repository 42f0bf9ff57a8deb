"""The portal on a device with no signal (issue 13): the web app manifest, the service worker,
the "On this device" page, and the small reads the offline scripts keep (static/js/offline/).
Sessions logged offline are sent later through the API's one idempotent write
(api.services.session_receive), so nothing here writes a session."""
