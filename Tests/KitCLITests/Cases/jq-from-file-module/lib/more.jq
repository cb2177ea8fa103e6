def triple(x): x * 3;
