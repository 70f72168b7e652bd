package dev.probes.autoconfigure.check;

import org.jspecify.annotations.Nullable;

/**
 * Keys of a {@code jdbc} dependency.
 */
public class JdbcCheckProperties {

	/**
	 * Name of the DataSource bean to check. Defaults to the application's primary
	 * DataSource.
	 */
	private @Nullable String dataSource;

	/**
	 * JDBC URL of a database to check with a connection of its own instead of a
	 * DataSource of the application's. User info in it is never shown.
	 */
	private @Nullable String url;

	/** Login user, with 'url'. */
	private @Nullable String username;

	/** Login password, with 'url'. Never shown. */
	private @Nullable String password;

	/** Query to run. Defaults to the driver's Connection.isValid. */
	private @Nullable String query;

	public @Nullable String getDataSource() {
		return this.dataSource;
	}

	public void setDataSource(@Nullable String dataSource) {
		this.dataSource = dataSource;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUsername() {
		return this.username;
	}

	public void setUsername(@Nullable String username) {
		this.username = username;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getQuery() {
		return this.query;
	}

	public void setQuery(@Nullable String query) {
		this.query = query;
	}

}
