package org.lfenergy.cds.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A customer's headless Chromium (Debian's chromium + chromedriver at fixed paths; nothing is downloaded). It records
 * the browser's network log, so the test can read the authorization response (code, state) the browser carried to
 * the client's redirect URI even when that page redirects further (the server-hosted default redirect shows the
 * receipt).
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A fresh browser with its own profile; skips the test where Chromium is not installed. */
    public static Browser start() {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Chromium or chromedriver missing: apt-get install -y chromium chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("cds-e2e-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=412,915", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens the authorization request, logs the customer in at Keycloak and waits for the CDS authorization form.
     */
    public void loginToForm(String authorizationUrl, String username, String password) {
        // a new login: forget the previous customer's Keycloak session (cookies are per host, so delete them there)
        driver.get(E2eStack.get().infrastructure().keycloakUrl() + "/realms/cds/.well-known/openid-configuration");
        driver.manage().deleteAllCookies();
        driver.get(authorizationUrl);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(password);
            driver.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("authorization-form")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("stuck at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * Shares one object of the customer's tree in every Request Section: ticks every selectable checkbox at or below
     * the object {@code objectId} ({@code account-<Entity_ID>}, {@code contract-<id>}, {@code sp-<id>},
     * {@code meter-<number>}; the form marks each list entry with {@code data-object}). A section that lists accounts
     * gets the account's box, one that lists services gets the boxes of the account's services, and so on. Falls back
     * to a checkbox with that exact id (aggregations, include-future).
     */
    public void select(String objectId) {
        List<org.openqa.selenium.WebElement> boxes = driver.findElements(
                By.cssSelector("li[data-object='" + objectId + "'] input[type=checkbox]"));
        if (boxes.isEmpty()) {
            boxes = List.of(driver.findElement(By.id(objectId)));
        }
        for (org.openqa.selenium.WebElement box : boxes) {
            if (!box.isSelected()) {
                box.click();
            }
        }
    }

    /**
     * Approves and returns the URL (with {@code code} and {@code state}) the browser was sent to at the client's
     * redirect URI, from the browser's network log.
     */
    public String approveAndAwaitRedirect(String redirectUri) {
        driver.manage().logs().get(LogType.PERFORMANCE); // forget what came before
        driver.findElement(By.id("approve")).click();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
                try {
                    JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                    if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                        String url = message.path("params").path("request").path("url").asText();
                        if (url.startsWith(redirectUri + "?")) {
                            return url;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            E2eStack.sleep(200);
        }
        throw new AssertionError("the browser never went to " + redirectUri + "; it is at " + driver.getCurrentUrl()
                + ": " + driver.findElement(By.tagName("body")).getText());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
