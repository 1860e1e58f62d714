int cq_placeholder_embedded(void) { return 0; }
