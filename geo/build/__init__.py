"""Set-up steps run by make: npm packages vendored and checked, the gazetteer and the regions
built. Runtime code never imports build."""
