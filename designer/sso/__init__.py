"""OpenID Connect single sign-on beside password login (Authlib), configured from the environment."""
