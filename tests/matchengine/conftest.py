import sys
from pathlib import Path

# the reference implementation sits next to the tests, outside any package
sys.path.insert(0, str(Path(__file__).parent))
