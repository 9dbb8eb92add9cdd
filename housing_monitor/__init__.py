"""Woonmonitor statushouders: the core (contract, database, measures, charts), free of Streamlit."""
