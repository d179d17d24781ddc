# Anrufverlauf (Reiter „Verlauf“) und die Hinweise zu Anrufeinträgen, die noch nicht ins CRM geschrieben sind.

## Die Verlaufstabelle

history-label = Anrufverlauf
history-empty = Noch keine Anrufe.
history-col-time = Zeit
history-col-call = Anruf
history-col-number = Nummer
# Gesprächsdauer (m:ss).
history-col-talk = Gespräch
# Wer den Anruf im CRM protokolliert, oder warum niemand.
history-col-outcome = Protokollierung

# $error: Grund des CRM (Englisch, von der Engine); $attempt: Anzahl der bisherigen Versuche; $time: Uhrzeit des nächsten Versuchs.
history-retry-why = { $error } · Versuch { $attempt }, nächster um { $time }
# $id: Datensatz-ID im CRM.
history-crm-record = CRM-Datensatz { $id }
# $reason: Begründung, die der Agent beim Verwerfen eingegeben hat.
history-discarded = Nicht an das CRM gesendet: { $reason }

## Schaltflächen je Zeile

history-call-back = Zurückrufen
history-retry-now = Jetzt erneut versuchen
history-log-afterwards = Jetzt protokollieren
    .title = Ringside schreibt den Datensatz dieses Anrufs jetzt (einmalig) in das CRM
history-wrap-up = Nachbearbeiten
history-edit-wrap-up = Nachbearbeitung ändern
history-details = Details

## Details einer Zeile

# $time: Uhrzeit; $phase: Phase des Anrufs; $crm und $ringside: "in" oder "out" (beim CRM bzw. bei Ringside angemeldet oder nicht).
history-phase-line = { $time } — { $phase } (CRM { $crm ->
        [in] angemeldet
       *[out] abgemeldet
    }, Ringside { $ringside ->
        [in] angemeldet
       *[out] abgemeldet
    })
history-ended = Beendet: { $reason }
history-notes = Notizen: { $notes }
history-anomaly = Ignorierte Meldung des Telefons: { $event }

## Hinweise über den Reitern: noch nicht geschriebene Anrufeinträge

waiting-list-unsaved = { $n ->
        [one] { $n } beendeter Anruf ist noch nicht gespeichert. Ringside hält ihn im Arbeitsspeicher und speichert ihn, sobald es möglich ist; lassen Sie Ringside geöffnet.
       *[other] { $n } beendete Anrufe sind noch nicht gespeichert. Ringside hält sie im Arbeitsspeicher und speichert sie, sobald es möglich ist; lassen Sie Ringside geöffnet.
    }
# $host: Adresse der Org (z. B. acme.my.salesforce.com).
waiting-list-send-here = In { $host } protokollieren
waiting-list-send-sandbox = Im integrierten Sandbox-CRM protokollieren
waiting-list-discard = Verwerfen…
waiting-list-discard-reason = Warum werden diese Anrufe nicht protokolliert? (bleibt im Verlauf)
waiting-list-discard-confirm = { $n ->
        [one] { $n } Anrufeintrag verwerfen
       *[other] { $n } Anrufeinträge verwerfen
    }
waiting-list-cancel = Abbrechen
