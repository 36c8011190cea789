# Terraform accepts a repeated key in an object constructor (the last value wins); hcl-edit
# refused it, and renaming a one-letter key failed in a file that uses every letter:
# a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z
locals {
  tags = { a = 1, b = 2, a = 3 }
  quoted = { "k" = 1, "k" = 2 }
  mixed = {
    x = 1
    "x" = 2
    x = 3
  }
}
