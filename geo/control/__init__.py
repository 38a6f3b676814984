"""The control picture: admin-1 regions with geodesic areas, imported areas of control, the rules
that read claims (latest per actor, disagreements) and the control layer built from stored
claims. Imports: store, io (the CSV writer), views, gazetteer."""
