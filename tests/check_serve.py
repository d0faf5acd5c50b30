#!/usr/bin/python3
"""check_serve.py: helpers of the 'tipreport serve' steps of tests/run.sh.

  check_serve.py port                     a free TCP port on 127.0.0.1
  check_serve.py figures A.xlsx B.xlsx    every number of every sheet of A equals B's (read
                                          with openpyxl, cached values): the served workbook
                                          against the command line's
  check_serve.py browser URL INPUT CLI.xlsx DOWNLOADS
                                          the browser test: Chromium (Debian's, driven by
                                          chromium-driver through python3-selenium) loads the
                                          page, uploads INPUT's files, waits for the run, opens
                                          the documents page, downloads report.xlsx and
                                          compares its figures with CLI.xlsx
Prints FAILED with what failed; exits 1."""
import glob, os, socket, sys, time

import openpyxl


def fail(what):
    print('FAILED: ' + what)
    sys.exit(1)


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def numbers(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    out[(ws.title, c.coordinate)] = c.value
    return out


def figures(a, b):
    na, nb = numbers(a), numbers(b)
    if len(na) < 100:
        fail('figures: only %d numbers in %s' % (len(na), a))
    diff = sorted(k for k in set(na) | set(nb) if na.get(k) != nb.get(k))
    for k in diff[:10]:
        print('%s!%s: %r against %r' % (k[0], k[1], na.get(k), nb.get(k)))
    if diff:
        fail('figures: %d of %d numbers differ' % (len(diff), len(na)))
    return len(na)


def browser(url, inp, cli_xlsx, downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    opts = webdriver.ChromeOptions()
    opts.binary_location = '/usr/bin/chromium'
    for a in ('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
              '--lang=en-GB', '--window-size=1200,1000'):
        opts.add_argument(a)
    opts.add_experimental_option('prefs', {'download.default_directory': downloads,
                                           'download.prompt_for_download': False,
                                           'intl.accept_languages': 'en-GB,en'})
    d = webdriver.Chrome(service=Service('/usr/bin/chromedriver'), options=opts)
    try:
        wait = WebDriverWait(d, 30)
        d.get(url)
        if d.find_element(By.TAG_NAME, 'html').get_attribute('lang') != 'en':
            fail('browser: the page is not in English for an English browser')
        d.find_element(By.LINK_TEXT, 'Español').click()  # the switch, and back
        if d.find_element(By.TAG_NAME, 'html').get_attribute('lang') != 'es':
            fail('browser: the language link does not switch to Spanish')
        d.find_element(By.LINK_TEXT, 'English').click()
        files = sorted(glob.glob(os.path.join(inp, '*.csv')) + glob.glob(os.path.join(inp, '*.ini')))
        d.find_element(By.ID, 'files').send_keys('\n'.join(files))
        d.find_element(By.ID, 'lang').send_keys('Spanish')
        d.find_element(By.CSS_SELECTOR, 'button[type=submit]').click()
        wait.until(lambda drv: drv.find_element(By.TAG_NAME, 'h1').text in
                   ('Report ready', 'The report could not be made'))
        if d.find_element(By.TAG_NAME, 'h1').text != 'Report ready':
            fail('browser: the run failed: ' + d.find_element(By.TAG_NAME, 'main').text)
        if '/runs/' not in d.current_url:
            fail('browser: not on the run page: ' + d.current_url)
        links = [a.get_attribute('href') for a in d.find_elements(By.CSS_SELECTOR, 'ul.docs a')]
        for name in ('report.pdf', 'report.xlsx', 'checklist.txt', 'tables/summary.csv',
                     'documents.zip'):
            if not any(h.endswith('/' + name) for h in links):
                fail('browser: no link to ' + name)
        d.find_element(By.LINK_TEXT, 'report.xlsx').click()
        got = os.path.join(downloads, 'report.xlsx')
        for _ in range(100):
            if os.path.exists(got) and not glob.glob(os.path.join(downloads, '*.crdownload')):
                break
            time.sleep(0.1)
        else:
            fail('browser: report.xlsx was not downloaded')
    finally:
        d.quit()
    return figures(got, cli_xlsx)


if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'port':
        print(free_port())
    elif cmd == 'figures' and len(sys.argv) == 4:
        print('%d numbers equal' % figures(sys.argv[2], sys.argv[3]))
    elif cmd == 'browser' and len(sys.argv) == 6:
        print('%d numbers equal' % browser(*sys.argv[2:]))
    else:
        fail('usage: ' + __doc__.splitlines()[2])
