"""Developer tools beside the product: the benchmark."""
