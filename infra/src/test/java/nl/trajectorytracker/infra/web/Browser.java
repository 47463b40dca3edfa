package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Headless Debian Chromium driven by Selenium, for the web tool's tests: downloads land in a directory of the test's
 * own, screenshots in {@code target/screenshots}, and {@link #assertAccessible} runs axe-core in the page. Where
 * chromium and chromium-driver are not installed, {@link #start} skips the test through a JUnit assumption, so the
 * run reports it as skipped; {@code .ci/run} installs them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String AXE = "/axe-core/axe.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIOLATIONS = "test.cspViolations";
    /**
     * Runs before any script of every page (DevTools scripts are not bound by the page's policy) and keeps each
     * Content-Security-Policy violation in local storage, so that a reload or navigation does not lose it.
     */
    private static final String RECORD_VIOLATIONS = "document.addEventListener('securitypolicyviolation', function (e) {"
            + " var seen = JSON.parse(localStorage.getItem('" + VIOLATIONS + "') || '[]');"
            + " seen.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':'"
            + " + e.lineNumber + ' (' + location.href + ')');"
            + " localStorage.setItem('" + VIOLATIONS + "', JSON.stringify(seen)); });";

    private final ChromeDriver driver;
    private final Path downloads;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path downloads, String baseUrl) {
        this.driver = driver;
        this.downloads = downloads;
        this.baseUrl = baseUrl;
    }

    /** Skips the calling test class unless chromium and its driver are installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "chromium and chromium-driver are not installed (.ci/run installs them)");
    }

    static Browser start(String baseUrl, Path profile, Path downloads) {
        assumeInstalled();
        // Selenium Manager must not look for (or download) anything: the driver and browser are given explicitly
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("SE_AVOID_STATS", "true"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1500", "--user-data-dir=" + profile);
        Map<String, Object> preferences = new HashMap<>();
        preferences.put("download.default_directory", downloads.toAbsolutePath().toString());
        preferences.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", preferences);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 1500));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toAbsolutePath().toString()));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_VIOLATIONS));
        return new Browser(driver, downloads, baseUrl);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Waits up to 40 seconds; an element the page redraws meanwhile is looked up again. */
    FluentWait<WebDriver> waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(40)).ignoring(StaleElementReferenceException.class);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Opens the page afresh and signs in with the token; waits until the page knows who is signed in. */
    void signIn(String token) {
        open("/");
        driver.executeScript("sessionStorage.clear();");
        open("/");
        WebElement field = driver.findElement(By.id("token"));
        field.sendKeys(token);
        driver.findElement(By.id("sign-in-button")).click();
        waiting().until(d -> "true".equals(d.findElement(By.id("who")).getAttribute("data-signed-in")));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(WebElement element) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        try {
            element.click();
        } catch (ElementClickInterceptedException overlapped) {
            driver.executeScript("arguments[0].click();", element);
        }
    }

    void click(String css) {
        click(find(css));
    }

    void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    void select(WebElement field, String value) {
        new Select(field).selectByValue(value);
    }

    void waitForAttribute(String css, String attribute, String value) {
        try {
            waiting().until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return !found.isEmpty() && value.equals(found.get(0).getAttribute(attribute));
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            // what the page showed instead: the screenshot and the messages it had for the user
            screenshot("timeout-" + css.replaceAll("[^A-Za-z0-9-]", "") + ".png");
            List<String> messages = driver.findElements(By.cssSelector(".form-message, [role=alert], [role=status]"))
                    .stream().map(WebElement::getText).filter(text -> !text.isBlank()).toList();
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            throw new AssertionError(css + " never had " + attribute + "=" + value + " (it has "
                    + (found.isEmpty() ? "no such element" : found.get(0).getAttribute(attribute))
                    + "); the page says: " + messages, e);
        }
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a download of that name is complete, and returns its path. */
    Path downloaded(String filename) {
        Path file = downloads.resolve(filename);
        waiting().until(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(filename + ".crdownload")));
        return file;
    }

    /** The Content-Security-Policy violations of every page of this browser so far, then forgets them. */
    List<String> cspViolations() {
        Object seen = driver.executeScript("var seen = localStorage.getItem('" + VIOLATIONS + "') || '[]';"
                + " localStorage.removeItem('" + VIOLATIONS + "'); return seen;");
        try {
            List<String> violations = new ArrayList<>();
            JSON.readTree(String.valueOf(seen)).forEach(node -> violations.add(node.asText()));
            return violations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's document is no wider than its window: nothing to scroll sideways. */
    void assertFitsTheWidth(String where) {
        Object widths = driver.executeScript("return document.documentElement.scrollWidth + ' ' + window.innerWidth;");
        String[] parts = String.valueOf(widths).split(" ");
        assertThat(Integer.parseInt(parts[0])).as("scrollWidth of " + where + " at a window " + parts[1] + " px wide")
                .isLessThanOrEqualTo(Integer.parseInt(parts[1]));
    }

    /** Whether the page would ask before it is left (a beforeunload handler cancels the event). */
    boolean asksBeforeLeaving() {
        return Boolean.TRUE.equals(driver.executeScript("var event = new Event('beforeunload', {cancelable: true});"
                + " window.dispatchEvent(event); return event.defaultPrevented;"));
    }

    /** Runs axe-core over the page as it stands and fails on any serious or critical violation. */
    void assertAccessible(String where) {
        String axe;
        try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
            assertThat(in).as("axe-core on the test class path").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver.executeScript(axe);
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']})"
                        + ".then(function (r) { done(JSON.stringify(r.violations)); },"
                        + " function (e) { done(JSON.stringify({error: String(e)})); });");
        JsonNode violations;
        try {
            violations = JSON.readTree(String.valueOf(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(violations.isArray()).as("axe answered " + result).isTrue();
        List<String> grave = new ArrayList<>();
        for (JsonNode violation : violations) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
                grave.add(impact + " " + violation.path("id").asText() + ": " + violation.path("help").asText()
                        + " at " + String.join(", ", targets.subList(0, Math.min(5, targets.size()))));
            }
        }
        assertThat(grave).as("serious or critical accessibility issues in " + where).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
