package jp.tobira.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.util.unit.DataSize;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * The application already holds as many documents, or as many bytes of them, as one
 * application may (409: what the case holds stands in the way, not the file itself).
 */
public class DocumentQuotaExceeded extends Refusal {

	private DocumentQuotaExceeded(Phrase phrase) {
		super(Kind.CONFLICT, "Document quota", phrase);
	}

	static DocumentQuotaExceeded documents(int limit) {
		return new DocumentQuotaExceeded(Phrase.of("error.documentQuota.count", limit));
	}

	static DocumentQuotaExceeded bytes(DataSize limit, long stored) {
		// to a tenth of a megabyte: whole megabytes would say "0 MB are stored" of a full
		// application under a small quota
		BigDecimal storedMegabytes = BigDecimal.valueOf(stored)
			.divide(BigDecimal.valueOf(DataSize.ofMegabytes(1).toBytes()), 1, RoundingMode.HALF_UP);
		return new DocumentQuotaExceeded(Phrase.of("error.documentQuota.bytes", limit.toMegabytes(), storedMegabytes));
	}

	@Override
	public List<FieldProblem> fields() {
		return List.of(new FieldProblem("file", getMessage(), phrase()));
	}

}
