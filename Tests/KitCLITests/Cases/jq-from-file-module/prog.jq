import "util" as u;
include "more";
[u::double(21), triple(2), $__loc__.line]
