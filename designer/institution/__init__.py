"""The institution: its profile (the facts designs and exports start from) and its departments."""
