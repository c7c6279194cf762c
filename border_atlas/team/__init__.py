"""Who is working, and what they may do: the sign-in chosen in configuration and the roles of a team.

Plain logic, no Streamlit: ``identity`` is the name recorded on every change; ``signin`` decides the
user from the settings, the request's headers and the address it came from; ``roles`` says what each
role may do. The roles themselves are kept in the
database (:mod:`border_atlas.store.roles`); the pages are wired in :mod:`border_atlas.ui.team`.
"""
