"""The pure core of disclosure applications: outcomes, fees, the case state machine, the ledger, tables 三/四."""
