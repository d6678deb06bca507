package io.eventchat.query.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * The tables of one projection, twice: the live ones in the application's schema and their shadow copies, with the
 * same columns, constraints and index names, in a schema of the rebuild's own ({@code rebuild_<projection>}). The
 * projection's own handlers write into the shadow copies when a transaction puts that schema first on its
 * {@code search_path}; {@link #swap()} then moves them in place of the live ones, inside the caller's transaction.
 */
final class ShadowTables {

    private final JdbcClient jdbc;
    private final String live;
    private final String shadow;
    private final String retired;
    private final List<String> tables;

    ShadowTables(JdbcClient jdbc, String projection, List<String> tables) {
        this.jdbc = jdbc;
        this.live = jdbc.sql("SELECT current_schema()").query(String.class).single();
        this.shadow = "rebuild_" + projection.replace('-', '_');
        this.retired = "retired_" + projection.replace('-', '_');
        this.tables = List.copyOf(tables);
    }

    /** Creates empty shadow copies of the tables (dropping what an earlier, interrupted rebuild left). */
    void create() {
        drop();
        execute("CREATE SCHEMA " + shadow);
        // qualified names in the catalog's definitions, whatever the session's search_path
        execute("SET LOCAL search_path = pg_catalog");
        for (String table : tables) {
            String source = live + "." + table;
            String copy = shadow + "." + table;
            execute("CREATE TABLE " + copy + " (LIKE " + source
                    + " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE)");
            jdbc.sql("""
                            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                            WHERE conrelid = to_regclass(:table) AND contype IN ('p', 'u', 'c', 'x')
                            ORDER BY contype = 'p' DESC, conname""")
                    .param("table", source).query((rs, i) -> List.of(rs.getString(1), rs.getString(2))).list()
                    .forEach(c -> execute("ALTER TABLE " + copy + " ADD CONSTRAINT " + c.get(0) + " " + c.get(1)));
            jdbc.sql("""
                            SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x
                            WHERE x.indrelid = to_regclass(:table)
                              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)""")
                    .param("table", source).query(String.class).list()
                    .forEach(index -> execute(index.replace(" ON " + source + " ", " ON " + copy + " ")));
        }
        execute("RESET search_path");
    }

    /** Makes the shadow copies the ones the current transaction writes to (until it ends). */
    void writeToShadow() {
        String path = jdbc.sql("SELECT current_setting('search_path')").query(String.class).single();
        jdbc.sql("SELECT set_config('search_path', :path, true)").param("path", shadow + ", " + path)
                .query(String.class).single();
    }

    /**
     * Replaces the live tables by the shadow copies within the current transaction, and drops the old ones. Readers
     * see the old tables until the transaction commits and the new ones after; the exclusive locks are held only
     * from here to the commit.
     */
    void swap() {
        execute("SET LOCAL lock_timeout = '5s'");
        execute("LOCK TABLE " + String.join(", ", tables.stream().map(t -> live + "." + t).toList())
                + " IN ACCESS EXCLUSIVE MODE");
        execute("CREATE SCHEMA " + retired);
        for (String table : tables) {
            execute("ALTER TABLE " + live + "." + table + " SET SCHEMA " + retired);
            execute("ALTER TABLE " + shadow + "." + table + " SET SCHEMA " + live);
        }
        drop();
    }

    /** Drops the shadow schema and the retired tables, if any. */
    void drop() {
        execute("DROP SCHEMA IF EXISTS " + shadow + " CASCADE");
        execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
    }

    private void execute(String sql) {
        jdbc.sql(sql).update();
    }
}
