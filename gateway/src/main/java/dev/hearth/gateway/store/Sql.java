package dev.hearth.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the database connection. */
@FunctionalInterface
public interface Sql<T> {
    T run(Connection connection) throws SQLException;
}
