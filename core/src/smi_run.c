/* placeholder replaced below */
#include "meterd/smi.h"
