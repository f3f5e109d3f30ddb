import { MAX_INVITATIONS, MAX_PARTICIPANTS, MAX_WINDOW_MINUTES, MIN_WINDOW_MINUTES } from '../../../common/api/consultations';
import { MAX_FILE_BYTES } from '../../call/files';
import type { HelpContent } from './types';

const fileLimitMb = Math.round(MAX_FILE_BYTES / (1024 * 1024));

/** Our own help texts (German). Each answer must stay true of the code it describes (see the commits). */
export const helpDe: HelpContent = {
  groups: [
    {
      id: 'patients',
      title: 'Für Patientinnen und Patienten',
      intro: 'Sie haben eine Einladung zu einer Videosprechstunde bekommen? Hier steht, wie es geht und was Sie tun können, wenn etwas nicht klappt.',
      questions: [
        {
          id: 'join',
          question: 'Wie nehme ich an einer Videosprechstunde teil?',
          paragraphs: [
            'Ihre Praxis schickt Ihnen eine E-Mail oder SMS mit einem Link. Öffnen Sie den Link zur vereinbarten Zeit auf Ihrem Smartphone, Tablet oder Computer. Sie brauchen kein Konto, kein Passwort und müssen nichts installieren.',
          ],
          list: [
            'Geben Sie Ihren vollständigen Namen ein – alle im Gespräch sehen ihn – und willigen Sie in die Verarbeitung Ihrer Daten für die Sprechstunde ein.',
            'Erlauben Sie Ihrem Browser den Zugriff auf Kamera und Mikrofon und prüfen Sie Bild und Ton.',
            'Sie warten dann im Wartezimmer, bis die Praxis Sie hereinlässt. Das Gespräch beginnt von selbst.',
          ],
          keywords: ['Einladung', 'Link', 'Anmeldung', 'App', 'Konto'],
        },
        {
          id: 'link',
          question: 'Mein Link funktioniert nicht. Was nun?',
          paragraphs: [
            'Jeder Link gilt nur in einem Zeitraum, den die Praxis festlegt. Öffnen Sie ihn zu früh, zeigt die Seite, ab wann er gilt; lassen Sie sie einfach geöffnet, dann geht es zur Terminzeit von selbst weiter.',
            'Ist der Link abgelaufen, zurückgezogen oder die Sprechstunde schon beendet, kann er nicht mehr verwendet werden. Bitten Sie dann Ihre Praxis um einen neuen Link. Wir selbst können keine Links verschicken.',
          ],
          keywords: ['abgelaufen', 'ungültig', 'zu früh', 'Termin'],
        },
        {
          id: 'browsers',
          question: 'Welche Geräte und Browser kann ich verwenden?',
          paragraphs: [
            'Sprechzimmer läuft im Browser: auf dem iPhone und iPad am besten in Safari, auf Android-Geräten in Chrome, am Computer in aktuellen Versionen von Chrome, Edge, Firefox oder Safari. Halten Sie Ihren Browser auf dem neuesten Stand.',
            'Öffnet sich der Link in einer anderen App, etwa im eingebauten Browser eines Messengers oder E-Mail-Programms, klappen Kamera und Mikrofon dort oft nicht. Öffnen Sie den Link dann über „Im Browser öffnen“ in Safari oder Chrome.',
            'Sie brauchen eine Kamera, ein Mikrofon und Lautsprecher oder Kopfhörer – bei Smartphones, Tablets und Laptops ist das eingebaut – und eine stabile Internetverbindung, am besten WLAN.',
          ],
          keywords: ['Smartphone', 'Handy', 'Tablet', 'Computer', 'Laptop', 'iPhone', 'Android', 'Chrome', 'Safari', 'Firefox', 'Edge', 'Internet Explorer'],
        },
        {
          id: 'camera',
          question: 'Wie erlaube ich Kamera und Mikrofon?',
          paragraphs: [
            'Ihr Browser fragt beim ersten Mal, ob Sprechzimmer Kamera und Mikrofon verwenden darf. Tippen oder klicken Sie auf „Erlauben“. Haben Sie versehentlich abgelehnt, erlauben Sie den Zugriff so wieder und laden Sie danach die Seite neu:',
          ],
          list: [
            'iPhone und iPad (Safari): In der Adressleiste auf „aA“ tippen → „Website-Einstellungen“ → Kamera und Mikrofon auf „Erlauben“. Oder: Einstellungen → Apps → Safari → Kamera bzw. Mikrofon.',
            'Android (Chrome): Links neben der Adresse auf das Symbol tippen → „Berechtigungen“ → Kamera und Mikrofon erlauben. Hilft das nicht: Android-Einstellungen → Apps → Chrome → Berechtigungen.',
            'Chrome und Edge am Computer: Links in der Adresszeile auf das Symbol vor der Adresse klicken und Kamera und Mikrofon auf „Zulassen“ stellen.',
            'Firefox: In der Adresszeile auf das durchgestrichene Kamera- oder Mikrofon-Symbol klicken und die Blockierung aufheben.',
            'Safari am Mac: Menü „Safari“ → „Einstellungen“ → „Websites“ → „Kamera“ und „Mikrofon“ → für diese Website „Erlauben“.',
            'Geht es dann immer noch nicht, sperrt vielleicht das Betriebssystem: macOS: Systemeinstellungen → Datenschutz & Sicherheit → Kamera bzw. Mikrofon; Windows: Einstellungen → Datenschutz → Kamera bzw. Mikrofon.',
          ],
          keywords: ['Berechtigung', 'blockiert', 'Zugriff', 'Webcam', 'erlauben', 'Freigabe'],
        },
        {
          id: 'waiting-room',
          question: 'Was bedeutet das Wartezimmer?',
          paragraphs: [
            'Wie in der Praxis warten Sie zuerst im Wartezimmer. Die Praxis sieht, dass Sie da sind, und lässt Sie herein, wenn sie bereit ist. Niemand sieht oder hört Sie, solange Sie warten, und Sie sehen auch niemanden.',
            'Lassen Sie die Seite geöffnet; das Gespräch beginnt von selbst. Die Praxis kann Ihnen kurze Nachrichten schicken, etwa dass es noch ein paar Minuten dauert. In der Zeit können Sie Kamera und Mikrofon noch einmal prüfen.',
          ],
          keywords: ['warten', 'hereinlassen', 'Wartezeit'],
        },
        {
          id: 'no-sound',
          question: 'Ich höre nichts, oder man hört mich nicht.',
          paragraphs: [
            'Prüfen Sie, ob die Lautstärke Ihres Geräts aufgedreht ist und ob Kopfhörer verbunden sind, die Sie nicht tragen (auch Bluetooth). Bei der Geräteprüfung und im Gespräch unter „Geräte“ spielt „Lautsprecher testen“ eine kurze Melodie, und ein Balken zeigt, ob Ihr Mikrofon Sie hört.',
            'Steht bei Ihrem Bild „Mikrofon aus“, schalten Sie es mit „Mikrofon einschalten“ wieder ein. Zeigt die Seite „Ihr Browser hat den Ton angehalten“ oder „Der Ton ist aus, bis Sie einmal auf die Seite tippen“, tippen Sie auf „Tippen, um zu hören“. Wird Ihr Mikrofon von einem anderen Programm verwendet, zum Beispiel einer anderen Videokonferenz, schließen Sie dieses.',
          ],
          keywords: ['Ton', 'Lautsprecher', 'Mikrofon', 'leise', 'stumm', 'Kopfhörer', 'hören'],
        },
        {
          id: 'no-picture',
          question: 'Ich sehe kein Bild.',
          paragraphs: [
            'Sehen Sie sich selbst nicht, prüfen Sie, ob die Kamera erlaubt ist (siehe [Kamera und Mikrofon erlauben](/help#camera)), ob sie eingeschaltet ist („Kamera einschalten“) und ob ein anderes Programm sie verwendet. Unter „Geräte“ können Sie eine andere Kamera wählen.',
            'Sehen Sie die andere Person nicht, hat sie vielleicht ihre Kamera ausgeschaltet – dann steht bei ihrem Namen „Kamera aus“. Bei schwacher Verbindung kann das Bild kurz stehen bleiben; siehe [Verbindung schlecht](/help#connection).',
          ],
          keywords: ['Video', 'schwarz', 'Kamera', 'Bild'],
        },
        {
          id: 'echo',
          question: 'Es hallt oder pfeift.',
          paragraphs: [
            'Meist kommt der Ton aus einem Lautsprecher zurück ins Mikrofon. Am besten helfen Kopfhörer. Sind zwei Geräte im selben Raum in der Sprechstunde, schalten Sie bei einem Mikrofon und Lautsprecher aus oder verlassen Sie mit einem der beiden das Gespräch. Drehen Sie sonst die Lautstärke etwas herunter.',
          ],
          keywords: ['Echo', 'Rückkopplung', 'Pfeifen', 'doppelt'],
        },
        {
          id: 'connection',
          question: 'Die Verbindung ist schlecht oder bricht ab.',
          paragraphs: [
            'Bei jedem Bild zeigt Sprechzimmer „Verbindung gut“, „mittel“ oder „schlecht“; ein Klick darauf zeigt Einzelheiten. Bricht die Verbindung ab, stellt Sprechzimmer sie von selbst wieder her, und Ihr Platz im Gespräch bleibt eine Weile erhalten. Laden Sie die Seite neu, kommen Sie im selben Browserfenster ohne erneutes Warten zurück – Chat und Dateien gehen dabei aber verloren.',
          ],
          list: [
            'Gehen Sie näher an Ihren WLAN-Router oder wechseln Sie ins WLAN statt Mobilfunk.',
            'Schließen Sie andere Programme, Downloads oder Videos, die das Internet nutzen.',
            'Schalten Sie Ihre Kamera aus: Dann braucht das Gespräch deutlich weniger Daten.',
            'Sagt der Verbindungstest „Blockiert“, lässt Ihr Netzwerk (oft ein Firmen- oder Gäste-WLAN) keine Gespräche durch: Wechseln Sie ins Mobilfunknetz oder in Ihr WLAN zu Hause. Den Test können Sie schon vor dem Termin über Ihren Einladungslink starten.',
          ],
          keywords: ['langsam', 'ruckelt', 'hängt', 'abgebrochen', 'Internet', 'WLAN', 'neu laden', 'Verbindungstest', 'blockiert', 'Firewall'],
        },
        {
          id: 'screen-sharing',
          question: 'Kann ich meinen Bildschirm zeigen?',
          paragraphs: [
            'Ja, am Computer: Mit „Bildschirm teilen“ wählen Sie den ganzen Bildschirm, ein Fenster oder einen Browser-Tab; „Teilen beenden“ hört wieder auf. Auf Smartphones und Tablets bieten die Browser das meist nicht an – dann fehlt die Schaltfläche. Schicken Sie stattdessen ein Foto oder Dokument im Chat.',
          ],
          keywords: ['Bildschirm', 'teilen', 'zeigen', 'Präsentation'],
        },
        {
          id: 'chat-files',
          question: 'Werden Chat und Dateien gespeichert?',
          paragraphs: [
            `Nein. Nachrichten und Dateien (bis ${fileLimitMb} MB je Datei) gehen verschlüsselt direkt an die anderen Teilnehmenden und liegen nur in deren Browsern, nicht auf unseren Servern. Wer die Seite neu lädt oder schließt, verliert sie; die Seite warnt vorher.`,
            'Möchten Sie etwas behalten, laden Sie empfangene Dateien herunter oder speichern Sie den Chat mit „Chat als PDF speichern“ – das geht auch noch nach dem Ende des Gesprächs, solange die Seite offen ist.',
          ],
          keywords: ['Nachricht', 'Datei', 'Dokument', 'Foto', 'PDF', 'speichern', 'Befund'],
        },
        {
          id: 'safety-code',
          question: 'Was ist der Sicherheitscode im Gespräch?',
          paragraphs: [
            'Oben links in jedem Videobild steht „Sicherheitscode“. Tippen Sie darauf: Sie sehen acht Wörter und dieselbe Zahl in Ziffern. Ihr Gegenüber sieht bei sich einen Code für die Verbindung zu Ihnen. Lesen Sie sich die Wörter (oder die Ziffern, falls Sie verschiedene Sprachen eingestellt haben) gegenseitig vor.',
            'Stimmen sie überein, ist Ihr Gespräch von Browser zu Browser verschlüsselt und niemand sitzt dazwischen – auch nicht jemand, der unseren Server kontrolliert. Der Code wird in beiden Browsern aus den Schlüsseln berechnet, die die Verbindung tatsächlich verwendet; unser Server kennt ihn nicht und speichert nichts davon.',
            'Stimmen sie nicht überein, beenden Sie das Gespräch und rufen Sie die Praxis an. Wird die Verbindung neu aufgebaut, kann sich der Code ändern; dann steht dort „Code neu“, und Sie vergleichen noch einmal.',
            'Was der Code nicht beweist: dass Ihr eigenes Gerät oder das Ihres Gegenübers frei von Schadsoftware ist oder dass niemand im Raum mithört.',
          ],
          keywords: ['Sicherheitscode', 'Verschlüsselung', 'Mithören', 'Wörter', 'Ziffern', 'abhören'],
        },
        {
          id: 'switch-device',
          question: 'Kann ich das Gerät wechseln?',
          paragraphs: [
            'Ja. Öffnen Sie den Link aus Ihrer Einladung auf dem anderen Gerät. Das Gespräch geht dort weiter; das erste Gerät zeigt „In einem anderen Fenster geöffnet“. Chat und Dateien nehmen Sie dabei nicht mit.',
          ],
          keywords: ['Handy', 'Computer', 'wechseln', 'anderes Fenster'],
        },
        {
          id: 'leave',
          question: 'Wie verlasse ich die Sprechstunde?',
          paragraphs: [
            'Tippen Sie auf „Verlassen“ und bestätigen Sie mit „Ja, verlassen“; im Wartezimmer heißt die Schaltfläche „Wartezimmer verlassen“. Danach können Sie mit „Wieder beitreten“ zurückkehren, solange Ihr Link gilt – Sie kommen dann zuerst wieder ins Wartezimmer.',
            'Mit dem Verlassen widerrufen Sie auch Ihre Einwilligung für diese Sprechstunde. Ihre Angaben aus der Einladung werden gelöscht, wenn die Praxis die Sprechstunde beendet.',
          ],
          keywords: ['beenden', 'auflegen', 'zurück', 'wieder beitreten'],
        },
      ],
    },
    {
      id: 'practices',
      title: 'Für Praxen',
      intro: 'Für Ärztinnen, Therapeuten und ihr Praxisteam: Einladen, Wartezimmer, Zusammenarbeit und Ihre Daten.',
      questions: [
        {
          id: 'register',
          question: 'Wie registriere ich mich oder meine Praxis?',
          paragraphs: [
            'Einzelne Ärztinnen, Therapeuten und Beraterinnen legen unter [Konto anlegen](/register) ein eigenes Konto an. Eine Praxis oder Klinik registriert ihre Vertretung unter [Praxis registrieren](/register/organization); sie lädt danach Kolleginnen, Kollegen und das Praxisteam selbst ein. Beide Wege bestätigen die E-Mail-Adresse über einen Link.',
          ],
          keywords: ['Konto', 'Registrierung', 'Organisation', 'Klinik', 'Vertretung', 'Mitglied'],
        },
        {
          id: 'invite',
          question: 'Wie lade ich Patientinnen und Patienten ein?',
          paragraphs: [
            `Unter „Videotermin starten“ wählen Sie „Jetzt“ oder einen späteren Beginn und wie lange der Link gilt (${MIN_WINDOW_MINUTES} Minuten bis ${MAX_WINDOW_MINUTES / 60} Stunden). Geben Sie für jeden Gast einen Namen und eine E-Mail-Adresse, eine Mobilnummer oder beides an – bis zu ${MAX_INVITATIONS} Gäste je Termin. Sprechzimmer verschickt die Einladung per E-Mail bzw. SMS.`,
            'Auf der Karte des Termins sehen Sie, ob die Einladung zugestellt wurde und wo der Gast gerade ist. Dort können Sie einen Link erneut senden, eine Einladung zurückziehen oder weitere Gäste einladen.',
          ],
          keywords: ['Einladung', 'E-Mail', 'SMS', 'Link', 'Termin', 'Gast', 'Videotermin'],
        },
        {
          id: 'admit',
          question: 'Wie funktionieren Wartezimmer und Hereinlassen?',
          paragraphs: [
            'Wer den Link öffnet, kommt nach Namenseingabe und Einwilligung ins Wartezimmer. Im Sprechzimmer hören Sie dann einen Hinweiston und sehen den Namen; mit „Hereinlassen“ beginnt das Gespräch, mit „Abweisen“ nicht. Wartenden können Sie eine kurze Nachricht schicken, auch mit einer der vorbereiteten Antworten.',
            'Auch die Übersicht zeigt, wer wartet. Während des Gesprächs können Sie weitere Gäste einladen, jemanden aus dem Gespräch entfernen und die Sprechstunde für alle beenden.',
          ],
          keywords: ['Wartezimmer', 'hereinlassen', 'abweisen', 'Nachricht', 'warten'],
        },
        {
          id: 'staff',
          question: 'Was darf das Praxisteam?',
          paragraphs: [
            'Die Rolle „Praxisteam“ ist für Mitarbeitende am Empfang: Sie legen Videotermine für eine Ärztin oder einen Therapeuten der Praxis an, sehen die offenen Sprechstunden der Praxis, lassen Wartende herein, weisen sie ab oder schicken ihnen eine Nachricht. Am Gespräch selbst nehmen sie nicht teil und haben keinen Zugang zum Sprechzimmer.',
            'Die Vertretung lädt Mitarbeitende unter „Organisation“ ein und wählt dabei die Rolle „Mitglied“ (führt eigene Sprechstunden) oder „Praxisteam“.',
          ],
          keywords: ['Empfang', 'Rolle', 'Mitarbeitende', 'MFA', 'Praxisteam', 'Rezeption'],
        },
        {
          id: 'colleagues',
          question: 'Wie rufe ich Kolleginnen und Kollegen an?',
          paragraphs: [
            'In einer Organisation sehen Ärztinnen, Therapeuten und andere Mitglieder unter „Kontakte“ alle Kolleginnen und Kollegen mit ihrem Status (online, im Gespräch, abwesend) und rufen sie direkt an. Ein Anruf klingelt auf jeder Seite von Sprechzimmer, die die Person geöffnet hat; sie nimmt an oder lehnt ab. Kollegen kommen ohne Wartezimmer ins Gespräch. Das Praxisteam ruft nicht an und wird nicht angerufen.',
          ],
          keywords: ['Kollege', 'Anruf', 'intern', 'Kontakte', 'Status', 'online'],
        },
        {
          id: 'participants',
          question: 'Wie viele Personen können an einem Gespräch teilnehmen?',
          paragraphs: [
            `Höchstens ${MAX_PARTICIPANTS} Personen gleichzeitig, Sie eingeschlossen – zum Beispiel Patientin, Angehörige und Dolmetscher. Alle sehen und hören sich, teilen einen Chat und Dateien. Ist das Gespräch voll, bleibt jeder weitere Gast im Wartezimmer und erfährt das; Sie sehen einen Hinweis und können ihn hereinlassen, sobald jemand gegangen ist.`,
          ],
          keywords: ['Gruppe', 'Konferenz', 'Anzahl', 'voll', 'Angehörige', 'mehrere'],
        },
        {
          id: 'contacts',
          question: 'Wie speichere ich Kontakte?',
          paragraphs: [
            'Nur wenn Sie es ausdrücklich wählen: beim Einladen mit „In meinen Kontakten speichern“, auf der Karte des Termins oder nach dem Gespräch mit „In Kontakten speichern“, oder unter „Kontakte“ mit „Kontakt hinzufügen“. Gespeicherte Kontakte laden Sie mit einem Klick wieder ein, ändern oder löschen sie jederzeit. Alle übrigen Gastdaten werden mit dem Ende der Sprechstunde gelöscht.',
          ],
          keywords: ['Kontakt', 'Adressbuch', 'Patient speichern'],
        },
        {
          id: 'activity',
          question: 'Was zeigt die Seite „Aktivitäten“?',
          paragraphs: [
            'Ihre beendeten Videotermine: Datum, Uhrzeit, Dauer, die Namen der Teilnehmenden und ob per E-Mail oder SMS eingeladen wurde – keine Inhalte. Die Vertretung einer Organisation sieht die Termine aller Mitglieder und kann nach Mitglied und Zeitraum filtern. Wie lange diese Angaben aufbewahrt werden, steht in der [Datenschutzerklärung](/privacy).',
          ],
          keywords: ['Protokoll', 'Dokumentation', 'Abrechnung', 'Verlauf', 'Dauer'],
        },
        {
          id: 'chat-pdf',
          question: 'Kann ich den Chat aufbewahren?',
          paragraphs: [
            'Gespeichert wird er bei uns nicht. Jede Person kann ihn während und nach dem Gespräch mit „Chat als PDF speichern“ herunterladen. Als Gastgeberin oder Gastgeber können Sie ihn sich zusätzlich als PDF an Ihre eigene E-Mail-Adresse schicken lassen; der Server leitet ihn nur weiter und behält nichts.',
          ],
          keywords: ['PDF', 'Chat', 'Dokumentation', 'E-Mail', 'Protokoll'],
        },
        {
          id: 'encryption',
          question: 'Wie ist Sprechzimmer verschlüsselt?',
          paragraphs: [
            'Bild, Ton, Chat und Dateien gehen per WebRTC direkt von Gerät zu Gerät und sind Ende-zu-Ende verschlüsselt (DTLS-SRTP); unser Server vermittelt nur den Verbindungsaufbau. Wo eine direkte Verbindung nicht möglich ist, leitet ein Relay-Server die bereits verschlüsselten Pakete weiter, ohne sie lesen zu können.',
            'Die Verbindung zur Website ist per HTTPS verschlüsselt. Namen, Geburtsdaten, Anschriften, Telefonnummern und E-Mail-Adressen liegen verschlüsselt in der Datenbank (AES-256-GCM); Passwörter nur als bcrypt-Hash.',
          ],
          keywords: ['Sicherheit', 'Ende-zu-Ende', 'E2E', 'HTTPS', 'Peer-to-Peer', 'Datenbank'],
        },
        {
          id: 'anlage-31b',
          question: 'Erfüllt Sprechzimmer die Anforderungen an Videosprechstunden (Anlage 31b BMV-Ä)?',
          paragraphs: [
            'Sprechzimmer ist nach diesen Regeln gebaut: Gespräche laufen Peer-to-Peer und Ende-zu-Ende verschlüsselt, der Anbieter kann Inhalte weder sehen noch speichern, und es gibt keine Aufzeichnung. Metadaten werden spätestens nach drei Monaten gelöscht, nur für die Durchführung der Sprechstunde verwendet und nicht an Dritte gegeben. Es gibt keine Werbung, ein virtuelles Wartezimmer, in dem die Praxis jede Person hereinlässt, jede Person nimmt mit ihrem Namen teil, und Patientinnen und Patienten brauchen weder Konto noch Installation.',
            'Nachweise für Ihre Kassenärztliche Vereinigung erhalten Sie vom Betreiber dieses Dienstes; schreiben Sie uns über das [Kontaktformular](/contact).',
          ],
          keywords: ['KBV', 'Zertifikat', 'Zertifizierung', 'Kassenärztliche', 'Abrechnung', 'Videodienstanbieter'],
        },
        {
          id: 'my-data',
          question: 'Wie exportiere oder lösche ich unsere Daten?',
          paragraphs: [
            'Angemeldet finden Sie unter [Meine Daten](/my-data) (auch über „Profil“) alles, was Sprechzimmer über Sie gespeichert hat, mit Zweck, Rechtsgrundlage, Speicherdauer und Empfängern. Dort laden Sie alles als JSON-Datei herunter, berichtigen Angaben, schränken die Verarbeitung ein oder löschen Ihr Konto.',
            'Die Vertretung einer Organisation kann dort die ganze Organisation mit allen Personen löschen; alle werden per E-Mail informiert. Ihr eigenes Konto allein löscht sie erst, wenn niemand sonst zur Organisation gehört.',
          ],
          keywords: ['Export', 'Download', 'Löschen', 'Konto löschen', 'Kündigung', 'DSGVO', 'Auskunft'],
        },
      ],
    },
    {
      id: 'privacy',
      title: 'Datenschutz',
      intro: 'Kurz gesagt: Gesprächsinhalte erreichen unsere Server nie. Verbindlich und vollständig ist die Datenschutzerklärung.',
      questions: [
        {
          id: 'stored',
          question: 'Welche Daten speichert Sprechzimmer, und wie lange?',
          paragraphs: [
            'Gespeichert wird nur, was für Konto, Einladung und Dokumentation der Termine nötig ist – niemals Bild, Ton, Chat oder Dateien. Welche Daten das genau sind, wofür und wie lange sie aufbewahrt werden, steht in der [Datenschutzerklärung](/privacy). Sie wird aus derselben Liste erzeugt, nach der unsere Löschfristen laufen, und ist deshalb immer aktuell.',
          ],
          keywords: ['Speicherdauer', 'Löschfrist', 'Aufbewahrung', 'Daten'],
        },
        {
          id: 'guest-data',
          question: 'Was geschieht mit meinen Daten als Patientin oder Patient?',
          paragraphs: [
            'Die Praxis gibt Ihren Namen und Ihre E-Mail-Adresse oder Mobilnummer an, damit Sie die Einladung erhalten. Diese Angaben werden gelöscht, wenn die Sprechstunde endet – es sei denn, die Praxis speichert Sie ausdrücklich als Kontakt. In ihren Aktivitäten behält die Praxis, wann das Gespräch war, wie lange es dauerte und wer teilnahm (nur Namen); die Frist dafür nennt die [Datenschutzerklärung](/privacy).',
            'Im Gespräch sehen die anderen nur Ihren Namen, keine E-Mail-Adresse und keine Telefonnummer.',
          ],
          keywords: ['Gast', 'Einladung', 'Name', 'Telefonnummer', 'löschen'],
        },
        {
          id: 'recording',
          question: 'Wird das Gespräch aufgezeichnet?',
          paragraphs: ['Nein. Sprechzimmer hat keine Aufnahmefunktion, und Bild und Ton gehen nicht über unsere Server, sondern direkt zwischen den Geräten.'],
          keywords: ['Aufnahme', 'Mitschnitt', 'aufnehmen', 'Video speichern'],
        },
        {
          id: 'ip-address',
          question: 'Wird meine IP-Adresse gespeichert?',
          paragraphs: [
            'Nein, weder in der Datenbank noch in Protokollen. Bei einer direkten Verbindung erfahren die Geräte der Gesprächspartner technisch bedingt gegenseitig ihre Internetadresse; der Betreiber kann einstellen, dass alle Gespräche über den Relay-Server laufen, dann nicht.',
          ],
          keywords: ['IP', 'Internetadresse', 'Protokoll', 'Logs', 'Tracking'],
        },
        {
          id: 'cookies',
          question: 'Welche Cookies verwendet Sprechzimmer?',
          paragraphs: [
            'Nur technisch notwendige: für Ihre Anmeldung, den Schutz von Formularen und Ihren Platz als Gast. Es gibt keine Werbung und keine Inhalte von fremden Servern. Nur wenn der Betreiber eine Besucherstatistik eingerichtet hat, fragt ein Hinweisfenster nach Ihrer Einwilligung; vorher wird dafür nichts geladen, und Sie können die Einwilligung jederzeit unten auf der Seite unter „Cookie-Einstellungen“ widerrufen. Die Liste aller Cookies steht in der [Datenschutzerklärung](/privacy).',
          ],
          keywords: ['Cookie', 'Tracking', 'Statistik', 'Analyse', 'Einwilligung'],
        },
        {
          id: 'rights',
          question: 'Wie erhalte ich Auskunft über meine Daten oder lasse sie löschen?',
          paragraphs: [
            'Mit Konto erledigen Sie das selbst unter [Meine Daten](/my-data). Als Gast ohne Konto – oder wenn Sie Fragen haben – schreiben Sie uns über das [Kontaktformular](/contact) oder an die Datenschutz-Kontaktadresse in der [Datenschutzerklärung](/privacy).',
          ],
          keywords: ['Auskunft', 'Löschung', 'DSGVO', 'Widerspruch', 'Rechte', 'Datenschutzbeauftragte'],
        },
      ],
    },
  ],
};
