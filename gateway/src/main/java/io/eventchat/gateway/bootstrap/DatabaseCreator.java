package io.eventchat.gateway.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Before the connection pool is first used, makes sure the configured PostgreSQL database exists, creating it
 * when the configured user may. Otherwise start-up stops with one line saying what to do.
 */
class DatabaseCreator implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final Pattern POSTGRES_URL = Pattern.compile("jdbc:postgresql://([^/]*)/([^?;]+)(.*)");
    private static final String INVALID_CATALOG = "3D000";
    private static final String DUPLICATE_DATABASE = "42P04";
    // two nodes creating it at the same moment: the loser trips over the catalog's unique index
    private static final String UNIQUE_VIOLATION = "23505";

    private final Environment environment;
    private boolean checked;

    DatabaseCreator(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && !checked) {
            checked = true;
            String url = environment.getProperty("spring.datasource.url");
            if (url != null) {
                ensureExists(url, environment.getProperty("spring.datasource.username"),
                        environment.getProperty("spring.datasource.password"));
            }
        }
        return bean;
    }

    static void ensureExists(String url, String user, String password) {
        Matcher matcher = POSTGRES_URL.matcher(url);
        if (!matcher.matches()) {
            return;
        }
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        String database = matcher.group(2);
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            return;
        } catch (SQLException e) {
            if (!INVALID_CATALOG.equals(e.getSQLState())) {
                throw new DatabaseUnavailableException("Cannot connect to PostgreSQL at " + matcher.group(1)
                        + " as '" + user + "' (" + e.getMessage() + "). Start PostgreSQL or set CHAT_DB_URL, "
                        + "CHAT_DB_USER and CHAT_DB_PASSWORD.", e);
            }
        }
        String maintenanceUrl = "jdbc:postgresql://" + matcher.group(1) + "/postgres" + matcher.group(3);
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            log.info("Created database '{}'", database);
        } catch (SQLException e) {
            if (DUPLICATE_DATABASE.equals(e.getSQLState()) || UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return;
            }
            throw new DatabaseUnavailableException("Database '" + database + "' does not exist and user '" + user
                    + "' may not create it (" + e.getMessage() + "). Create it (createdb -h HOST -U OWNER "
                    + database + ") or point CHAT_DB_URL at an existing database.", e);
        }
    }
}
