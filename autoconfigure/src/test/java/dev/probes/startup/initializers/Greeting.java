package dev.probes.startup.initializers;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * The one entity of the initializers' application: Hibernate validates or creates its
 * table.
 */
@Entity
public class Greeting {

	@Id
	private Long id;

	private String text;

	public Long getId() {
		return this.id;
	}

	public String getText() {
		return this.text;
	}

}
