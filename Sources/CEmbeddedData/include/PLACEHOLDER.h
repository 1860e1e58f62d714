int cq_placeholder_embedded(void);
