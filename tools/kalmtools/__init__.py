"""kalm's ground-truth tools: test-call generator, evaluation against peers, benchmarks."""
