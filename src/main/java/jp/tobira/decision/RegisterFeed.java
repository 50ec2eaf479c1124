package jp.tobira.decision;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.springframework.stereotype.Service;

/**
 * The register's changes as an Atom 1.0 feed (RFC 4287), the latest first: one entry per
 * change of a token's status, the recognition included. Each entry carries the head of
 * the audit chain at the change (the sequence number and hash of the audit entry that
 * records it), in its text and as elements of {@link #NAMESPACE}, so that anyone who kept
 * the feed can later compare them with the log ({@code GET /api/v1/audit}, or an export)
 * and see whether it was rewritten. Written by ROME, so the XML is well formed and
 * escaped whatever the reasons say.
 */
@Service
public class RegisterFeed {

	/** Tobira's elements in the feed: the chain head and the change's facts. */
	public static final Namespace NAMESPACE = Namespace.getNamespace("tobira", "urn:tobira:register:1");

	private final Register register;

	RegisterFeed(Register register) {
		this.register = register;
	}

	/**
	 * @param base the address the register is published at (scheme, host and context
	 * path), for the feed's links
	 */
	public void write(Writer out, String base) throws IOException {
		List<RegisterFeedItem> changes = register.changes();
		Feed feed = new Feed("atom_1.0");
		feed.setEncoding(StandardCharsets.UTF_8.name());
		feed.setId(urn("register"));
		feed.setTitle("Tobira: register of recognised stablecoins, changes");
		feed.setLanguage("en");
		// the latest change; an empty register's feed dates from the epoch, as nothing
		// has changed
		feed.setUpdated(Date.from(changes.stream()
			.map(item -> item.change().changedAt())
			.max(Comparator.naturalOrder())
			.orElse(Instant.EPOCH)));
		feed.setAlternateLinks(List.of(link("alternate", base + "/register", "text/html")));
		feed.setOtherLinks(List.of(link("self", base + "/register.atom", "application/atom+xml")));
		Person supervisor = new Person();
		supervisor.setName("Tobira");
		feed.setAuthors(List.of(supervisor));
		List<Entry> entries = new ArrayList<>();
		for (RegisterFeedItem item : changes) {
			entries.add(entry(item, base));
		}
		feed.setEntries(entries);
		try {
			new WireFeedOutput().output(feed, out);
		}
		catch (FeedException ex) {
			throw new IllegalStateException("The register's feed cannot be written", ex);
		}
	}

	private static Entry entry(RegisterFeedItem item, String base) {
		RegisterStatusChange change = item.change();
		Entry entry = new Entry();
		// stable: the history is append-only, so a change keeps its row for ever
		entry.setId(urn("change:" + item.id()));
		entry.setTitle(item.tokenName() + " (" + item.symbol() + "): " + change.status() + " from " + change.date());
		entry.setUpdated(Date.from(change.changedAt()));
		entry.setPublished(Date.from(change.changedAt()));
		entry.setAlternateLinks(List.of(link("alternate", base + "/register", "text/html")));
		Content summary = new Content();
		summary.setType(Content.TEXT);
		summary.setValue(text(item));
		entry.setSummary(summary);
		List<Element> markup = new ArrayList<>();
		markup.add(element("reference", change.reference()));
		markup.add(element("token", item.symbol()));
		markup.add(element("status", change.status().name()));
		markup.add(element("effective", change.date().toString()));
		if (change.reasons() != null) {
			markup.add(element("reasons", change.reasons()));
		}
		if (change.auditSeq() != null) {
			markup.add(element("auditSequence", change.auditSeq().toString()));
			markup.add(element("auditHash", change.auditHash()));
		}
		entry.setForeignMarkup(markup);
		return entry;
	}

	private static String text(RegisterFeedItem item) {
		RegisterStatusChange change = item.change();
		StringBuilder text = new StringBuilder().append(item.tokenName())
			.append(" (")
			.append(item.symbol())
			.append("), case ")
			.append(change.reference())
			.append(": ")
			.append(change.status())
			.append(" from ")
			.append(change.date())
			.append('.');
		if (change.reasons() != null) {
			text.append(" Reasons: ").append(change.reasons());
		}
		if (change.auditSeq() != null) {
			text.append(" Audit chain head at the change: sequence ")
				.append(change.auditSeq())
				.append(", SHA-256 ")
				.append(change.auditHash())
				.append('.');
		}
		return text.toString();
	}

	private static Element element(String name, String value) {
		return new Element(name, NAMESPACE).setText(value);
	}

	private static Link link(String rel, String href, String type) {
		Link link = new Link();
		link.setRel(rel);
		link.setHref(href);
		link.setType(type);
		return link;
	}

	/**
	 * A name-based UUID: the same register and change give the same id on every node and
	 * after every restart.
	 */
	private static String urn(String name) {
		return "urn:uuid:" + UUID.nameUUIDFromBytes(("tobira:register:" + name).getBytes(StandardCharsets.UTF_8));
	}

}
