"""The control picture: admin-1 regions with geodesic areas, imported areas of control, and the
control layer built from stored claims. Imports: store, gazetteer and below."""
