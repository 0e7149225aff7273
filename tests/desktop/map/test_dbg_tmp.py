from tests.desktop.map.test_settlements import *  # noqa

def test_dbg(view, qtbot):
    for z in (6, 7, 8, 9):
        run_js(qtbot, view, f"Atlas.setView(48.28, 37.18, {z}) || 1")
        qtbot.wait(200)
        s = page_state(qtbot, view)
        print(z, s["zoom"], s["settlements"])
