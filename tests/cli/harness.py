"""What the black-box test scripts share: counting expectations and the
exit status they end with."""
import sys

passed = failed = 0


def expect(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def finish(suite):
    print(f"{suite}: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
