# no newline at end
locals { x = 1 }