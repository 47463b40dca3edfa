package nl.trajectorytracker.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import nl.trajectorytracker.infra.RunningTracker;

/**
 * The web page in a real browser: headless Chromium signs in with an auditor's token, opens the multi-year demo
 * trajectory, checks the five phase lanes and a decision's reason, moves the as-of control back and sees the earlier
 * state, and leaves screenshots in {@code target/screenshots}. Skipped where Debian's chromium and chromium-driver are
 * not installed; {@code .ci/run} installs them.
 */
class TimelinePageBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String MULTI_YEAR = "8f1d2c3e-0a01-4d5e-9a10-000000000001";
    private static final List<String> PHASES = List.of("INTERNAL_PREPARATION", "CO_DESIGN", "NEGOTIATION",
            "RUNNING_AGREEMENT", "AFTER_AGREEMENT");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;

    @TempDir
    static Path browserProfile;

    private static RunningTracker tracker;
    private static ChromeDriver browser;
    private static String baseUrl;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "chromium and chromium-driver are not installed");
        tracker = RunningTracker.start(data, "demo");
        baseUrl = "http://127.0.0.1:" + tracker.context().getEnvironment().getProperty("local.server.port");

        // Selenium Manager must not look for (or download) anything: the driver and browser are given explicitly
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        System.setProperty("SE_AVOID_STATS", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(java.util.Map.of("SE_AVOID_STATS", "true"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1500", "--user-data-dir=" + browserProfile);
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1400, 1500));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void anAuditor_seesTheTimeline_aDecisionsReason_andAnEarlierState() throws Exception {
        RunningTracker.Client auditor = tracker.createAuditor("browser-auditor");
        awaitDemoLoaded(auditor);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // the page is public; the API is not
        for (String file : List.of("/", "/index.html", "/app.js", "/app.css")) {
            assertThat(tracker.anonymous().get(file).status()).as(file).isEqualTo(200);
        }
        assertThat(tracker.anonymous().get("/api/trajectories?page=0&size=50").status()).isEqualTo(401);
        browser.get(baseUrl + "/");
        assertThat(browser.getTitle()).isEqualTo("Trajectory Tracker");
        browser.findElement(By.id("token")).sendKeys(auditor.token());
        browser.findElement(By.id("sign-in-button")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("who"), "data-signed-in", "true"));
        // the demo's four written trajectories among its synthetic ones: found by searching the list
        wait.until(driver -> {
            String total = driver.findElement(By.id("trajectories")).getAttribute("data-total");
            return total != null && Integer.parseInt(total) >= 4;
        });
        browser.findElement(By.id("list-text")).sendKeys("five-year shared-savings");
        browser.findElement(By.id("list-text")).submit();
        // the list redraws when the search answers: look the link up again until a click lands
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(driver -> {
                    driver.findElement(By.cssSelector(".trajectory-link[data-id='" + MULTI_YEAR + "']")).click();
                    return true;
                });
        wait.until(ExpectedConditions.attributeToBe(By.id("trajectory"), "data-loaded", "true"));
        assertThat(browser.findElement(By.id("trajectory-title")).getText()).contains("five-year shared-savings");

        // five phase lanes, in the playbook's order
        List<String> lanes = browser.findElements(By.cssSelector("#timeline .lane[data-phase]")).stream()
                .map(lane -> lane.getAttribute("data-phase")).collect(Collectors.toList());
        assertThat(lanes).containsExactlyElementsOf(PHASES);
        assertThat(statePhase()).isEqualTo("AFTER_AGREEMENT");
        int allPoints = visiblePoints();
        assertThat(allPoints).isGreaterThan(30);
        for (String phase : PHASES) {
            assertThat(browser.findElements(By.cssSelector(".lane[data-phase='" + phase + "'] .point")))
                    .as("points in " + phase).isNotEmpty();
        }

        // the signed agreement is highlighted
        assertThat(browser.findElements(By.cssSelector(".lane[data-phase='NEGOTIATION'] .point.agreement"))).hasSize(1);
        assertThat(browser.findElement(By.id("agreement")).getAttribute("class")).contains("signed");
        assertThat(browser.findElement(By.id("agreement")).getText()).contains("Sanne Bakker");

        // trust and evaluations drawn; the hash chain verified
        assertThat(Integer.parseInt(browser.findElement(By.id("trust-chart")).getAttribute("data-assessments")))
                .isEqualTo(10);
        assertThat(browser.findElement(By.id("trust-chart")).getAttribute("data-evaluations")).isEqualTo("2");
        wait.until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("verification")), "data-result"));
        assertThat(browser.findElement(By.id("verification")).getAttribute("data-result")).isEqualTo("intact");
        assertThat(browser.findElement(By.id("verification")).getText()).startsWith("Chain intact");

        // a decision's reason on click
        WebElement decision = point("We aim for a five-year shared-savings agreement");
        assertThat(decision.getAttribute("data-phase")).isEqualTo("INTERNAL_PREPARATION");
        click(decision);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("detail-reason")));
        assertThat(browser.findElement(By.id("detail-reason")).getText())
                .contains("A one-year contract leaves no room to earn back investments in prevention and day care");
        assertThat(browser.findElement(By.id("detail")).getText())
                .contains("Bundled payment for hip replacements")
                .contains("P1.PREVIOUS_AGREEMENTS_SERVE_GOALS");
        screenshot("timeline.png");

        // as of 1 June 2020: in co-design, nothing negotiated or signed yet
        long minutes = Instant.parse("2020-06-01T00:00:00Z").getEpochSecond() / 60;
        ((JavascriptExecutor) browser).executeScript(
                "var s = document.getElementById('as-of'); s.value = arguments[0];"
                        + "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));",
                String.valueOf(minutes));
        wait.until(ExpectedConditions.attributeToBe(By.id("trajectory"), "data-as-of", "2020-06-01T00:00:00.000Z"));
        wait.until(ExpectedConditions.attributeToBe(By.id("trajectory"), "data-loaded", "true"));
        // a screen reader hears the moment, not minutes since 1970
        assertThat(browser.findElement(By.id("as-of")).getAttribute("aria-valuetext")).startsWith("2020-06-01");
        assertThat(statePhase()).isEqualTo("CO_DESIGN");
        assertThat(visiblePoints()).isLessThan(allPoints).isGreaterThan(5);
        assertThat(browser.findElements(By.cssSelector(".lane[data-phase='NEGOTIATION'] .point"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".point.agreement"))).isEmpty();
        assertThat(browser.findElement(By.id("agreement")).getAttribute("class")).doesNotContain("signed");
        assertThat(browser.findElement(By.cssSelector(".lane[data-phase='CO_DESIGN']")).getAttribute("data-status"))
                .isEqualTo("CURRENT");
        assertThat(point("We aim for a five-year shared-savings agreement").isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("trust-chart")).getAttribute("data-assessments")).isEqualTo("2");
        assertThat(browser.findElement(By.id("monitoring")).getText()).doesNotContain("Waiting time for a hip");
        screenshot("timeline-as-of.png");

        // as the record stood on 1 June 2020: the demo was recorded today, so nothing was known then
        click(browser.findElement(By.id("known-at")));
        wait.until(ExpectedConditions.attributeToBe(By.id("trajectory"), "data-known-at", "2020-06-01T00:00:00.000Z"));
        wait.until(ExpectedConditions.attributeToBe(By.id("trajectory"), "data-loaded", "true"));
        assertThat(visiblePoints()).isZero();
        assertThat(browser.findElement(By.id("as-of-note")).getText()).contains("occurredAt").contains("recordedAt");

        // and back to the latest state
        browser.findElement(By.id("as-of-latest")).click();
        wait.until(driver -> visiblePoints() == allPoints);
        assertThat(statePhase()).isEqualTo("AFTER_AGREEMENT");
    }

    private static String statePhase() {
        return browser.findElement(By.id("state-phase")).getAttribute("data-phase");
    }

    private static int visiblePoints() {
        return browser.findElements(By.cssSelector("#timeline .point")).size();
    }

    private static WebElement point(String label) {
        return browser.findElements(By.cssSelector("#timeline .point")).stream()
                .filter(point -> label.equals(point.getAttribute("aria-label")))
                .findFirst().orElseThrow(() -> new AssertionError("No point labelled " + label));
    }

    private static void click(WebElement element) {
        try {
            element.click();
        } catch (ElementClickInterceptedException overlapped) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The demo loads through real commands and read models follow asynchronously: wait until all of it is visible. */
    private static void awaitDemoLoaded(RunningTracker.Client auditor) {
        String base = "/api/trajectories/" + MULTI_YEAR;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            RunningTracker.Response decisions = auditor.get(base + "/decisions");
            RunningTracker.Response trust = auditor.get(base + "/trust");
            RunningTracker.Response monitoring = auditor.get(base + "/monitoring");
            RunningTracker.Response phases = auditor.get(base + "/phases");
            return decisions.status() == 200 && decisions.body().contains("TRAJECTORY_CONCLUDED")
                    && trust.status() == 200 && trust.body().contains("A partner, not a supplier")
                    && monitoring.status() == 200 && monitoring.body().contains("\"FINAL\"")
                    && phases.status() == 200 && phases.json().path("version").asLong() >= 64;
        });
    }
}
