"""Streamlit glue shared by the pages: cached data access, the shared sidebar, page building blocks."""
