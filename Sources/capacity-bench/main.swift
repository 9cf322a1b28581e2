print("capacity-bench: see below")
