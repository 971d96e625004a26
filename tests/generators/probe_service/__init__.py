"""probe_service: Danish municipal service contracts (transport, cleaning, waste, winter
service, equipment hire, fuel, grounds maintenance, temporary staff) with price per measured
quantity, rendered by Word/LibreOffice Writer or HTML/Chromium, some with an Excel/Calc annex.
See README.md."""
