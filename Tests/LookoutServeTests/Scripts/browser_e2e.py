"""A real browser (headless Chromium through Selenium) against a running `lookout serve`.

Usage: browser_e2e.py BASE_URL SCREENSHOT_DIR LESSON_ID TRACK

Creates a learner, switches to Khmer, answers every question of the lesson (the first option of a single-choice
question; every other checkbox of a multi-choice question), takes screenshots of the Khmer pages at 360 and 1280
px wide, then opens the lesson again, uses the quick exit and checks that Back does not show the lesson.
Prints one line per fact the Swift test checks: ANSWERED n, SCREENSHOT path, BACK ok|shows-lesson, and
ERROR ... on anything unexpected (exit status 1).
"""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

base, shots, lesson, track = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
os.makedirs(shots, exist_ok=True)

options = Options()
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=km"):
    options.add_argument(arg)
service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
driver = webdriver.Chrome(service=service, options=options)
driver.set_page_load_timeout(30)
failed = False


def error(text):
    global failed
    failed = True
    print("ERROR " + text, flush=True)


def new_page_loaded(_):
    try:
        return driver.execute_script("return window.lookoutOldPage === undefined && document.readyState === 'complete'")
    except Exception:
        return False


def navigate(action):
    """Does `action` and waits until a new page has replaced this one (a form post and its redirect)."""
    driver.execute_script("window.lookoutOldPage = true")
    action()
    WebDriverWait(driver, 15).until(new_page_loaded)


def press(element):
    navigate(element.click)


def click(action):
    press(driver.find_element(By.CSS_SELECTOR, 'form input[name="do"][value="%s"] ~ button' % action))


def has(action):
    return len(driver.find_elements(By.CSS_SELECTOR, 'input[name="do"][value="%s"]' % action)) > 0


def shoot(name):
    for width in (360, 1280):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height + 120, 600), 4000))
        path = os.path.join(shots, "%s-%d.png" % (name, width))
        driver.save_screenshot(path)
        print("SCREENSHOT " + path, flush=True)
    driver.set_window_size(1280, 900)


try:
    driver.get(base + "/")
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "en":
        error("the start page is not English by default")
    click("language")
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "km":
        error("the language switch did not show Khmer")
    shoot("start")
    driver.find_element(By.ID, "name").send_keys("Dara")
    driver.find_element(By.ID, "pin").send_keys("2468")
    click("create")
    shoot("menu")
    press(driver.find_element(By.CSS_SELECTOR, 'a[href="/track/%s"]' % track))
    shoot("lessons")
    press(driver.find_element(By.XPATH, '//input[@name="lesson"][@value="%s"]/following-sibling::button' % lesson))
    answered = 0
    shot_question = shot_feedback = shot_note = False
    for _ in range(200):
        if has("continue"):
            if not shot_note:
                shoot("content-note")
                shot_note = True
            click("continue")
        elif has("submit"):
            boxes = driver.find_elements(By.CSS_SELECTOR, 'input[name="opt"]')
            if not boxes:
                error("a question without options")
                break
            if boxes[0].get_attribute("type") == "radio":
                boxes[0].click()
            else:
                for i, box in enumerate(boxes):
                    if i % 2 == 0:
                        box.click()
            if not shot_question:
                shoot("question")
                shot_question = True
            click("submit")
            answered += 1
        elif has("next"):
            if not shot_feedback:
                shoot("feedback")
                shot_feedback = True
            click("next")
        elif has("close"):
            shoot("summary")
            break
        else:
            error("an unexpected page: " + driver.find_element(By.TAG_NAME, "body").text[:300])
            break
    print("ANSWERED %d" % answered, flush=True)
    click("close")
    driver.get(base + "/support")
    shoot("support")
    driver.get(base + "/help")
    shoot("help")

    # Quick exit from inside a lesson: the page is replaced (location.replace), the session is forgotten, and Back
    # must not show the lesson.
    driver.get(base + "/track/%s" % track)
    press(driver.find_element(By.XPATH, '//input[@name="lesson"][@value="%s"]/following-sibling::button' % lesson))
    if not (has("submit") or has("continue")):
        error("the lesson did not open again")
    lesson_page = driver.page_source
    press(driver.find_element(By.ID, "quick-exit"))
    if "Weather" not in driver.title:
        error("quick exit did not show the neutral page: " + driver.title)
    navigate(driver.back)
    source = driver.page_source
    shows_lesson = any('value="%s"' % a in source for a in ("submit", "continue", "next", "leave"))
    print("BACK " + ("shows-lesson" if shows_lesson else "ok"), flush=True)
    print("BACK-URL " + driver.current_url + " TITLE " + driver.title, flush=True)

    # With script, Esc twice is the quick exit too.
    driver.get(base + "/help")
    navigate(lambda: ActionChains(driver).send_keys(Keys.ESCAPE).send_keys(Keys.ESCAPE).perform())
    print("ESC-ESC " + ("ok" if "Weather" in driver.title else "stayed on " + driver.title), flush=True)
except Exception as exc:  # report, do not hide
    error("%s: %s" % (type(exc).__name__, exc))
finally:
    driver.quit()
sys.exit(1 if failed else 0)
