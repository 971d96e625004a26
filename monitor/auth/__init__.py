"""Who is signed in and what they may see and do: accounts, API tokens, roles, scopes."""
