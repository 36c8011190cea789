locals {
	a	=	1
}
